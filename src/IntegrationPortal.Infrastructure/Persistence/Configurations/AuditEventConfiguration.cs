using IntegrationPortal.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.TargetType).HasMaxLength(50);
        builder.Property(e => e.TargetId).HasMaxLength(200);

        // The activity log pages by id, newest first, so each filter's index ends in the id: a
        // filtered page is then a short range scan, whatever its depth in a million events.
        builder.HasIndex(e => new { e.Action, e.Id });
        builder.HasIndex(e => new { e.TargetType, e.TargetId, e.Id });
        builder.HasIndex(e => new { e.ActorName, e.Id });
        builder.HasIndex(e => e.At);

        // A unique sequence makes a second event claiming the same place fail instead of forking
        // the chain, should two writers ever get past the append lock.
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.Ignore(e => e.IsChained);
        builder.Ignore(e => e.CreationOrder);
    }
}
