using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Engine;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Conflicts;

/// <summary>One side's item of a conflict that is being resolved: its connector, field and current value.</summary>
internal sealed class ConflictSide
{
    private readonly IConnector _connector;
    private readonly string _container;
    private string? _current;
    private string? _version;

    private ConflictSide(IConnector connector, string container, string name, string itemId, FieldDescriptor field)
    {
        _connector = connector;
        _container = container;
        Name = name;
        ItemId = itemId;
        Field = field;
    }

    /// <summary>"A" or "B".</summary>
    public string Name { get; }

    public string ItemId { get; }

    public FieldDescriptor Field { get; }

    /// <summary>Builds the side's connector from its connection, decrypting the secret only for this call.</summary>
    public static async Task<ConflictSide> OpenAsync(
        IPortalDbContext db,
        IConnectorFactory connectors,
        ISecretProtector protector,
        Guid connectionId,
        string container,
        string name,
        string itemId,
        string fieldKey,
        CancellationToken cancellationToken)
    {
        var connection = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == connectionId, cancellationToken);
        var connector = connectors.CreateFor(connection, protector);
        var field = connector.Fields.FirstOrDefault(f => f.Key == fieldKey)
            ?? throw new DomainException($"Field {fieldKey} is no longer offered by {connection.ToolKey} on side {name}, so the conflict cannot be written.");
        return new ConflictSide(connector, container, name, itemId, field);
    }

    /// <summary>Reads the item's current value of the field.</summary>
    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        var item = await _connector.GetAsync(_container, ItemId, cancellationToken)
            ?? throw new ConnectorException($"Item {ItemId} on side {Name} was not found; check whether it was deleted or moved.");
        if (!item.Fields.TryGetValue(Field.Key, out var value))
        {
            throw new ConnectorException($"Field {Field.Key} was not returned for item {ItemId} on side {Name}; check that the connector offers this field.");
        }

        _current = FieldNormalizer.Normalize(value, Field.Kind);
        _version = item.Version;
    }

    /// <summary>
    /// Rejects the resolution when the item was edited after the run that found the conflict: its value
    /// is then neither the conflict's value, nor the base that the run left, nor the value to write.
    /// Writing over it would lose an edit that no run has merged yet.
    /// </summary>
    public void EnsureUnchangedSince(string? conflictValue, string? baseValue, string? target)
    {
        if (Same(_current, target) || Same(_current, Normalize(conflictValue)) || Same(_current, Normalize(baseValue)))
        {
            return;
        }

        throw new DomainException(
            $"Field {Field.Key} of item {ItemId} on side {Name} changed after the conflict was found (it is now '{_current}'); " +
            "run the flow so that its next run merges the change, then resolve again if the conflict is still open.");
    }

    /// <summary>Writes the value unless the item already has it, and adds what was written to <paramref name="written"/>.</summary>
    public async Task WriteAsync(string? target, List<object> written, CancellationToken cancellationToken)
    {
        if (Same(_current, target))
        {
            return;
        }

        // With the version read above, a tool with revision tests rejects the write when the item
        // changed since, so the conflict stays open instead of overwriting that edit.
        var fields = new Dictionary<string, string?> { [Field.Key] = target };
        await _connector.UpdateAsync(_container, ItemId, fields, _version, cancellationToken);
        written.Add(new { Side = Name, ItemId, Field = Field.Key, Old = _current, New = target });
    }

    private string? Normalize(string? value) => FieldNormalizer.Normalize(value, Field.Kind);

    private static bool Same(string? left, string? right) => string.Equals(left, right, StringComparison.Ordinal);
}
