using FluentValidation;
using FluentValidation.Results;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Web.Components.Common;

namespace IntegrationPortal.Web.Tests.Components.Common;

public sealed class UserFacingErrorsTests
{
    [Fact]
    public void Describe_ReturnsMessageOfKnownExceptions()
    {
        Assert.Equal("Only an active flow can be paused.", UserFacingErrors.Describe(new DomainException("Only an active flow can be paused.")));
        Assert.Equal("IT admins only.", UserFacingErrors.Describe(new ForbiddenAccessException("IT admins only.")));
        Assert.Equal("Flow 7 was not found.", UserFacingErrors.Describe(new NotFoundException("Flow", 7)));
        Assert.Equal("Redmine answered 401.", UserFacingErrors.Describe(new ConnectorException("Redmine answered 401.", 401)));
    }

    [Fact]
    public void Describe_JoinsValidationMessages()
    {
        var exception = new ValidationException([new ValidationFailure("Name", "Name the flow."), new ValidationFailure("Mappings", "Map a field.")]);

        Assert.Equal("Name the flow. Map a field.", UserFacingErrors.Describe(exception));
    }

    [Fact]
    public void Describe_ReturnsNullForUnexpected()
    {
        Assert.Null(UserFacingErrors.Describe(new InvalidOperationException("connection string Password=secret")));
    }
}
