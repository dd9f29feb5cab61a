using IntegrationPortal.Domain.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

internal sealed class RequestFollowerConfiguration : IEntityTypeConfiguration<RequestFollower>
{
    public void Configure(EntityTypeBuilder<RequestFollower> builder)
    {
        builder.ToTable("RequestFollowers");
        builder.HasKey(f => new { f.RequestId, f.UserId });
        builder.Property(f => f.UserId).HasMaxLength(450);
        builder.Property(f => f.UserName).HasMaxLength(256);
        builder.HasOne<IntegrationRequest>().WithMany().HasForeignKey(f => f.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.UserId);
    }
}
