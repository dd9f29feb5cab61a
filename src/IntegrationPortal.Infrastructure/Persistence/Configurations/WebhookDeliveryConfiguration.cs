using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        // The key makes a second insert of the same delivery fail, also when two copies arrive at once.
        builder.HasKey(d => new { d.ConnectionId, d.DeliveryId });
        builder.Property(d => d.DeliveryId).HasMaxLength(WebhookDelivery.MaxDeliveryIdLength);
        builder.Property(d => d.Event).HasMaxLength(WebhookDelivery.MaxEventLength);
        builder.HasIndex(d => d.ReceivedAt);
        builder.HasOne<Connection>().WithMany().HasForeignKey(d => d.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
