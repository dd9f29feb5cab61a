using IntegrationPortal.Domain.Common;

namespace IntegrationPortal.Domain.Templates;

/// <summary>
/// A pre-approved pattern for connecting two tools. Its content lives in <see cref="Versions"/>,
/// one immutable version per change; a retired template keeps its versions but matches no new request.
/// </summary>
public sealed class Template
{
    public const int MaxRetireReasonLength = 1000;

    private List<TemplateVersion> _versions = [];

    private Template()
    {
    }

    /// <summary>Creates the template with <paramref name="definition"/> as version 1.</summary>
    public Template(Guid id, TemplateDefinition definition, string createdBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(definition);
        definition.EnsureValid();
        Id = id;
        CreatedAt = at;
        CurrentVersion = 1;
        _versions.Add(new TemplateVersion(id, 1, definition, createdBy, at));
    }

    public Guid Id { get; private set; }

    /// <summary>The number of the newest version, which requests and new flows are checked against.</summary>
    public int CurrentVersion { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsRetired => RetiredAt is not null;

    public DateTimeOffset? RetiredAt { get; private set; }

    public string? RetiredBy { get; private set; }

    public string? RetireReason { get; private set; }

    /// <summary>Every version, oldest first. Load them with the template before using <see cref="Current"/>.</summary>
    public IReadOnlyList<TemplateVersion> Versions => _versions;

    public TemplateVersion Current =>
        _versions.SingleOrDefault(v => v.Number == CurrentVersion)
        ?? throw new InvalidOperationException($"Version {CurrentVersion} of template {Id} was not loaded with the template.");

    /// <summary>Saves <paramref name="definition"/> as the next version and returns it; earlier versions stay as they were.</summary>
    public TemplateVersion Revise(TemplateDefinition definition, string changedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (IsRetired)
        {
            throw new DomainException($"Template '{Current.Name}' is retired, so it cannot get a new version.");
        }

        definition.EnsureValid();
        if (definition.HasSameContent(Current.Definition))
        {
            throw new DomainException($"The change to template '{Current.Name}' changes nothing, so no new version was saved.");
        }

        var version = new TemplateVersion(Id, CurrentVersion + 1, definition, changedBy, at);
        _versions.Add(version);
        CurrentVersion = version.Number;
        return version;
    }

    /// <summary>Stops the template from matching requests; flows built from it keep running.</summary>
    public void Retire(string retiredBy, string? reason, DateTimeOffset at)
    {
        if (IsRetired)
        {
            throw new DomainException($"Template '{Current.Name}' is already retired.");
        }

        RetiredAt = at;
        RetiredBy = retiredBy;
        RetireReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }
}
