using System.Globalization;
using CsCheck;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Sync.Tests.Values;

public sealed class CalendarValuesTests
{
    [Theory]
    [InlineData("2026-03-01", "2026-03-01")]
    [InlineData(" 2026-03-01 ", "2026-03-01")]
    [InlineData("2026-03-01T00:00:00Z", "2026-03-01")]
    [InlineData("2026-03-01T23:30:00-05:00", "2026-03-01")]
    [InlineData("2026-03-01T00:30:00+14:00", "2026-03-01")]
    [InlineData("2026-03-01 08:00:00", "2026-03-01")]
    [InlineData("2026-02-30", null)]
    [InlineData("March 1st", null)]
    public void NormalizeDate_KeepsWrittenDay(string value, string? expected)
    {
        Assert.Equal(expected, CalendarValues.NormalizeDate(value));
    }

    [Theory]
    [InlineData("2026-03-01T23:30:00-05:00", "2026-03-02T04:30:00Z")]
    [InlineData("2026-03-02T04:30:00Z", "2026-03-02T04:30:00Z")]
    [InlineData("2026-03-02T04:30:00.250+00:00", "2026-03-02T04:30:00.25Z")]
    [InlineData("2026-03-02 04:30:00", "2026-03-02T04:30:00Z")]
    [InlineData("not a time", null)]
    public void NormalizeTimestamp_WritesUtc(string value, string? expected)
    {
        Assert.Equal(expected, CalendarValues.NormalizeTimestamp(value));
    }

    [Fact]
    public void Date_NeverShiftsAcrossOffsets()
    {
        var offsets = Gen.Int[-14 * 4, 14 * 4].Select(quarters => TimeSpan.FromMinutes(quarters * 15));
        var times = Gen.Int[0, (24 * 60) - 1].Select(minutes => TimeSpan.FromMinutes(minutes));
        Gen.Select(Gen.DateOnly, times, offsets).Sample((date, time, offset) =>
        {
            var local = new DateTimeOffset(date.ToDateTime(TimeOnly.FromTimeSpan(time)), offset);
            var written = local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            var expected = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

            Assert.Equal(expected, CalendarValues.NormalizeDate(written));
            Assert.Equal(expected, CalendarValues.NormalizeDate(expected));
        }, iter: 2000, threads: 1);
    }

    [Fact]
    public void Timestamp_SameInstantInAnyOffsetIsEqual()
    {
        var offsets = Gen.Int[-14 * 4, 14 * 4].Select(quarters => TimeSpan.FromMinutes(quarters * 15));
        Gen.Select(Gen.DateTime, offsets).Sample((time, offset) =>
        {
            var utc = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
            if (utc.UtcDateTime.Year is < 2 or > 9998)
            {
                return;
            }

            var shifted = utc.ToOffset(offset).ToString("O", CultureInfo.InvariantCulture);
            var inUtc = utc.ToString("O", CultureInfo.InvariantCulture);

            Assert.Equal(CalendarValues.NormalizeTimestamp(inUtc), CalendarValues.NormalizeTimestamp(shifted));
        }, iter: 2000, threads: 1);
    }
}
