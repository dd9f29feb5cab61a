using IntegrationPortal.Domain.Flows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

internal sealed class FlowConfiguration : IEntityTypeConfiguration<Flow>
{
    public void Configure(EntityTypeBuilder<Flow> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Name).HasMaxLength(Flow.MaxNameLength);
        builder.Property(f => f.OwnerId).HasMaxLength(450);
        builder.Property(f => f.OwnerName).HasMaxLength(256);
        builder.Property(f => f.ContainerA).HasMaxLength(Flow.MaxContainerLength);
        builder.Property(f => f.ContainerB).HasMaxLength(Flow.MaxContainerLength);
        builder.Property(f => f.Mappings).HasJsonConversion();
        builder.Property(f => f.ConflictRule).HasConversion<string>().HasMaxLength(20);
        // The default fills rows of flows saved before delete rules existed. The sentinel is a value no
        // flow has, so EF always writes the rule itself instead of leaving it to the default.
        builder.Property(f => f.DeleteRule).HasConversion<string>().HasMaxLength(20)
            .HasDefaultValue(DeleteRule.UnlinkAndFlag).HasSentinel((DeleteRule)(-1));
        builder.Property(f => f.Scope).HasOptionalJsonConversion();
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.PauseReason).HasMaxLength(Flow.MaxPauseReasonLength);
        builder.Property(f => f.LeaseHolder).HasMaxLength(200);
        builder.HasOne<Domain.Requests.IntegrationRequest>().WithMany().HasForeignKey(f => f.RequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Connections.Connection>().WithMany().HasForeignKey(f => f.ConnectionAId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Connections.Connection>().WithMany().HasForeignKey(f => f.ConnectionBId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => f.OwnerId);
        builder.HasOne<Domain.Templates.Template>().WithMany().HasForeignKey(f => f.TemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}
