using IntegrationPortal.Domain.Notifications;
using IntegrationPortal.Domain.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Text).HasMaxLength(Notification.MaxTextLength);
        builder.Ignore(n => n.IsRead);
        builder.HasOne<IntegrationRequest>().WithMany().HasForeignKey(n => n.RequestId).OnDelete(DeleteBehavior.Cascade);

        // The bell counts a user's unread notifications on every page.
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
    }
}
