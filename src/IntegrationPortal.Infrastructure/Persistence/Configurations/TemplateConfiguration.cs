using IntegrationPortal.Domain.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

internal sealed class TemplateConfiguration : IEntityTypeConfiguration<Template>
{
    public void Configure(EntityTypeBuilder<Template> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.RetiredBy).HasMaxLength(256);
        builder.Property(t => t.RetireReason).HasMaxLength(Template.MaxRetireReasonLength);
        builder.Ignore(t => t.IsRetired);
        builder.Ignore(t => t.Current);
        builder.HasMany(t => t.Versions).WithOne().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(t => t.Versions).HasField("_versions");
    }
}

internal sealed class TemplateVersionConfiguration : IEntityTypeConfiguration<TemplateVersion>
{
    public void Configure(EntityTypeBuilder<TemplateVersion> builder)
    {
        builder.HasKey(v => new { v.TemplateId, v.Number });
        builder.Property(v => v.Name).HasMaxLength(TemplateDefinition.MaxNameLength);
        builder.Property(v => v.ToolA).HasMaxLength(TemplateDefinition.MaxToolKeyLength);
        builder.Property(v => v.ToolB).HasMaxLength(TemplateDefinition.MaxToolKeyLength);
        builder.Property(v => v.UseCase).HasMaxLength(TemplateDefinition.MaxUseCaseLength);
        builder.Property(v => v.Fields).HasJsonConversion();
        builder.Property(v => v.DefaultMappings).HasJsonConversion();
        builder.Property(v => v.Filter).HasOptionalJsonConversion();
        builder.Property(v => v.MaxClassification).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.CreatedBy).HasMaxLength(256);
        builder.Ignore(v => v.Definition);
        builder.HasIndex(v => new { v.ToolA, v.ToolB });
    }
}
