using IntegrationPortal.Domain.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

internal sealed class IntegrationRequestConfiguration : IEntityTypeConfiguration<IntegrationRequest>
{
    public void Configure(EntityTypeBuilder<IntegrationRequest> builder)
    {
        builder.ToTable("IntegrationRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.RequesterId).HasMaxLength(450);
        builder.Property(r => r.RequesterName).HasMaxLength(256);
        builder.Property(r => r.ToolA).HasMaxLength(50);
        builder.Property(r => r.ToolB).HasMaxLength(50);
        builder.Property(r => r.UseCase).HasMaxLength(IntegrationRequest.MaxUseCaseLength);
        builder.Property(r => r.Fields).HasMaxLength(IntegrationRequest.MaxFieldsLength);
        builder.Property(r => r.Justification).HasMaxLength(IntegrationRequest.MaxJustificationLength);
        builder.Property(r => r.Direction).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.DecidedBy).HasMaxLength(256);
        builder.Property(r => r.DecisionReason).HasMaxLength(IntegrationRequest.MaxReasonLength);
        builder.Property(r => r.Items).HasMaxLength(IntegrationRequest.MaxItemsLength);
        builder.Property(r => r.Classification).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.AssigneeId).HasMaxLength(450);
        builder.Property(r => r.AssigneeName).HasMaxLength(256);
        builder.Property(r => r.TemplateName).HasMaxLength(200);
        builder.Property(r => r.TemplateDifferences).HasMaxLength(IntegrationRequest.MaxDifferencesLength);
        builder.Property(r => r.PolicyViolations).HasMaxLength(IntegrationRequest.MaxViolationsLength);
        builder.Ignore(r => r.HolderName);
        builder.Ignore(r => r.IsOpen);
        builder.HasIndex(r => r.RequesterId);
        builder.HasIndex(r => r.Status);
        builder.HasIndex(r => r.AssigneeId);
    }
}
