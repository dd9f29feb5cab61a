using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IntegrationPortal.Web.Tests;

/// <summary>
/// Picks a value in a MudSelect the way its menu would, by raising its ValueChanged, because the
/// menu itself is a popover that needs a browser to open.
/// </summary>
public static class MudSelectExtensions
{
    public static Task SelectAsync<TComponent, T>(this IRenderedComponent<TComponent> cut, string attributeValue, T value, int index = 0)
        where TComponent : class, IComponent
    {
        var select = cut.FindComponents<MudSelect<T>>()
            .Where(s => HasAttribute(s.Instance, "id", attributeValue) || HasAttribute(s.Instance, "data-testid", attributeValue))
            .ElementAt(index);

        return cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    private static bool HasAttribute(MudComponentBase component, string name, string value) =>
        component.UserAttributes.TryGetValue(name, out var actual) && Equals(actual, value);
}
