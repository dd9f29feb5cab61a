using FluentValidation.Results;

namespace IntegrationPortal.Web.Components.Common;

/// <summary>
/// Validation messages keyed by property path as FluentValidation names it, such as "Name" or
/// "Mappings[0].FieldA", so a form can show each one at its field.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _messages = new(StringComparer.Ordinal);

    public bool IsEmpty => _messages.Count == 0;

    public void Clear() => _messages.Clear();

    public void Apply(IEnumerable<ValidationFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);

        foreach (var failure in failures)
        {
            if (!_messages.TryGetValue(failure.PropertyName, out var list))
            {
                list = [];
                _messages[failure.PropertyName] = list;
            }

            if (!list.Contains(failure.ErrorMessage))
            {
                list.Add(failure.ErrorMessage);
            }
        }
    }

    public bool Has(string propertyPath) => _messages.ContainsKey(propertyPath);

    /// <summary>Returns true when a property path that starts with <paramref name="pathPrefix"/> has a message.</summary>
    public bool HasUnder(string pathPrefix) => _messages.Keys.Any(p => p.StartsWith(pathPrefix, StringComparison.Ordinal));

    /// <summary>Returns the messages for one property path joined into one line, or null when it has none.</summary>
    public string? For(string propertyPath) =>
        _messages.TryGetValue(propertyPath, out var list) ? string.Join(" ", list) : null;

    /// <summary>Returns the messages of the property paths that match <paramref name="pathFilter"/>, with their paths.</summary>
    public IEnumerable<ValidationFailure> Failures(Func<string, bool> pathFilter)
    {
        ArgumentNullException.ThrowIfNull(pathFilter);

        return _messages.Where(pair => pathFilter(pair.Key))
            .SelectMany(pair => pair.Value.Select(message => new ValidationFailure(pair.Key, message)));
    }

    /// <summary>Returns the messages of the property paths for which <paramref name="isShownAtField"/> is false.</summary>
    public IReadOnlyList<string> Except(Func<string, bool> isShownAtField)
    {
        ArgumentNullException.ThrowIfNull(isShownAtField);

        return [.. _messages.Where(pair => !isShownAtField(pair.Key)).SelectMany(pair => pair.Value).Distinct()];
    }
}
