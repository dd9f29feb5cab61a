using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Web.Audit;

namespace IntegrationPortal.Web.Tests.Audit;

public sealed class AuditFilterQueryStringTests
{
    [Fact]
    public void Round_trip_keeps_every_criterion()
    {
        var filter = new AuditFilter(
            "ivan@example.com", "flow.", "github", Guid.NewGuid(), Guid.NewGuid(),
            new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.Zero), "a & b");

        var query = AuditFilterQueryString.ToQuery(filter);
        var values = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        var parsed = AuditFilterQueryString.Parse(name => values.GetValueOrDefault(name));

        Assert.Equal(filter, parsed);
        Assert.Equal("2026-03-07", values["to"]);
    }

    [Theory]
    [InlineData("flow", "not-a-guid")]
    [InlineData("from", "01/03/2026")]
    public void Invalid_value_names_its_parameter(string name, string value)
    {
        var error = Assert.Throws<ValidationException>(() => AuditFilterQueryString.Parse(key => key == name ? value : null));

        Assert.Equal(name, Assert.Single(error.Errors).PropertyName);
    }
}
