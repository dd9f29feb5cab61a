using IntegrationPortal.Domain.Flows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

internal sealed class ItemLinkConfiguration : IEntityTypeConfiguration<ItemLink>
{
    public void Configure(EntityTypeBuilder<ItemLink> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.ItemIdA).HasMaxLength(200);
        builder.Property(l => l.ItemIdB).HasMaxLength(200);
        builder.Property(l => l.CreateToken).HasMaxLength(64);
        builder.Property(l => l.BaseA).HasJsonConversion();
        builder.Property(l => l.BaseB).HasJsonConversion();
        // The default fills rows saved before link states existed, and the sentinel makes EF always write the state.
        builder.Property(l => l.State).HasConversion<string>().HasMaxLength(20)
            .HasDefaultValue(LinkState.Active).HasSentinel((LinkState)(-1));
        builder.Property(l => l.MissingSide).HasMaxLength(1);
        builder.HasOne<Flow>().WithMany().HasForeignKey(l => l.FlowId).OnDelete(DeleteBehavior.Cascade);

        // One link per item and side: a second link for the same item would mean a duplicate counterpart.
        builder.HasIndex(l => new { l.FlowId, l.ItemIdA }).IsUnique();
        builder.HasIndex(l => new { l.FlowId, l.ItemIdB }).IsUnique();
    }
}
