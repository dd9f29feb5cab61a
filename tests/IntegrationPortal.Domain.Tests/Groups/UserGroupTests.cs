using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Groups;

namespace IntegrationPortal.Domain.Tests.Groups;

public sealed class UserGroupTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AddMember_Twice_AddsOnce()
    {
        var group = new UserGroup(Guid.NewGuid(), " Support team ", At);

        var first = group.AddMember("u-rita", "rita@example.com", At);
        var second = group.AddMember("u-rita", "rita@example.com", At);

        Assert.True(first);
        Assert.False(second);
        Assert.Single(group.Members);
        Assert.Equal("Support team", group.Name);
    }

    [Fact]
    public void RemoveMember_Unknown_ReturnsFalse()
    {
        var group = new UserGroup(Guid.NewGuid(), "Support team", At);
        group.AddMember("u-rita", "rita@example.com", At);

        Assert.False(group.RemoveMember("u-omar"));
        Assert.True(group.RemoveMember("u-rita"));
        Assert.Empty(group.Members);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void New_WithoutName_Throws(string name)
    {
        Assert.Throws<DomainException>(() => new UserGroup(Guid.NewGuid(), name, At));
    }

    [Fact]
    public void New_WithLongName_Throws()
    {
        Assert.Throws<DomainException>(() => new UserGroup(Guid.NewGuid(), new string('a', UserGroup.MaxNameLength + 1), At));
    }
}
