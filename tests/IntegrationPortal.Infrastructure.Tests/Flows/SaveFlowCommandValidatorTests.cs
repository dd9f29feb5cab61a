using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Infrastructure.Tests.Flows;

public sealed class SaveFlowCommandValidatorTests
{
    private readonly SaveFlowCommandValidator _validator = new();

    [Theory]
    [InlineData(SyncDirection.AToB)]
    [InlineData(SyncDirection.BToA)]
    public void One_way_rule_is_rejected(SyncDirection direction)
    {
        var command = Command(new FieldMappingInput
        {
            FieldA = "description", FieldB = "description", Direction = direction, ConflictRule = ConflictRule.SideBWins,
        });

        var error = Assert.Single(_validator.Validate(command).Errors);

        Assert.Equal("Mappings[1].ConflictRule", error.PropertyName);
        Assert.Contains("description → description copies one way", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("flow default", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void One_way_without_rule_is_valid()
    {
        var command = Command(new FieldMappingInput { FieldA = "description", FieldB = "description", Direction = SyncDirection.AToB });

        Assert.True(_validator.Validate(command).IsValid);
    }

    [Fact]
    public void Two_way_rule_is_valid()
    {
        var command = Command(new FieldMappingInput
        {
            FieldA = "description", FieldB = "description", Direction = SyncDirection.Both, ConflictRule = ConflictRule.SideAWins,
        });

        Assert.True(_validator.Validate(command).IsValid);
    }

    private static SaveFlowCommand Command(FieldMappingInput mapping) => new()
    {
        RequestId = Guid.NewGuid(),
        Name = "Support bugs to engineering",
        ConnectionAId = Guid.NewGuid(),
        ContainerA = "support",
        ConnectionBId = Guid.NewGuid(),
        ContainerB = "acme/engineering",
        Mappings = [new FieldMappingInput { FieldA = "title", FieldB = "title" }, mapping],
    };
}
