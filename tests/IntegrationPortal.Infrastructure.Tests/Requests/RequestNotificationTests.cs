using IntegrationPortal.Application.Notifications;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Notifications;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IntegrationPortal.Infrastructure.Tests.Requests.RequestTestBed;

namespace IntegrationPortal.Infrastructure.Tests.Requests;

public sealed class RequestNotificationTests
{
    [Fact]
    public async Task StatusChange_NotifiesRequester()
    {
        await using var bed = await StartAsync();
        var id = await bed.SubmitAsync();

        await AsAsync(bed.Admin(), s => s.ApproveAsync(id, CancellationToken.None));

        var texts = await TextsForAsync(bed, RequesterId);
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("Your request \"Sync support bugs to engineering issues\" (redmine and github) is now submitted", texts[0]);
        Assert.Contains("is now approved, changed by ivan@example.com.", texts[1]);
    }

    [Fact]
    public async Task ChangeByOtherAdmin_NotifiesAssignee()
    {
        await using var bed = await StartAsync();
        var id = await bed.SubmitAsync();
        await AsAsync(bed.Admin(), s => s.StartReviewAsync(id, CancellationToken.None));

        await AsAsync(bed.Host.ScopeFor("u-second", "second@example.com", Domain.Identity.Roles.ItAdmin), s => s.ApproveAsync(id, CancellationToken.None));

        var texts = await TextsForAsync(bed, AdminId);
        var text = Assert.Single(texts);
        Assert.StartsWith("rita@example.com's request, which you hold,", text);
        Assert.Contains("changed by second@example.com", text);
    }

    [Fact]
    public async Task OwnChange_SkipsAssignee()
    {
        await using var bed = await StartAsync();
        var id = await bed.SubmitAsync();

        await AsAsync(bed.Admin(), s => s.StartReviewAsync(id, CancellationToken.None));

        Assert.Empty(await TextsForAsync(bed, AdminId));
    }

    [Fact]
    public async Task StatusChange_NotifiesFollowers()
    {
        await using var bed = await StartAsync();
        var id = await bed.SubmitAsync();
        await AsAsync(bed.Other(), s => s.FollowAsync(id, CancellationToken.None));

        await AsAsync(bed.Admin(), s => s.RejectAsync(new() { RequestId = id, Reason = "Use the Jira template." }, CancellationToken.None));

        var text = Assert.Single(await TextsForAsync(bed, OtherId));
        Assert.StartsWith("rita@example.com's request, which you follow,", text);
        Assert.EndsWith("Reason: Use the Jira template.", text);
    }

    [Fact]
    public async Task Bell_CountsUnreadUntilRead()
    {
        await using var bed = await StartAsync();
        var id = await bed.SubmitAsync();
        await AsAsync(bed.Admin(), s => s.ApproveAsync(id, CancellationToken.None));

        await using var scope = bed.Requester();
        var notifications = scope.ServiceProvider.GetRequiredService<INotificationService>();
        var before = await notifications.CountUnreadAsync(CancellationToken.None);
        var listed = await notifications.ListMineAsync(CancellationToken.None);
        await notifications.MarkReadAsync(listed[0].Id, CancellationToken.None);
        var afterOne = await notifications.CountUnreadAsync(CancellationToken.None);
        await notifications.MarkAllReadAsync(CancellationToken.None);

        Assert.Equal(2, before);
        Assert.Equal(1, afterOne);
        Assert.Equal(0, await notifications.CountUnreadAsync(CancellationToken.None));
        Assert.All(listed, n => Assert.Equal(id, n.RequestId));
    }

    [Fact]
    public async Task MarkRead_OfAnotherUser_IsNotFound()
    {
        await using var bed = await StartAsync();
        await bed.SubmitAsync();
        Guid notificationId;
        await using (var requester = bed.Requester())
        {
            notificationId = (await requester.ServiceProvider.GetRequiredService<INotificationService>().ListMineAsync(CancellationToken.None))[0].Id;
        }

        await using var other = bed.Other();
        await Assert.ThrowsAsync<Application.Common.NotFoundException>(() =>
            other.ServiceProvider.GetRequiredService<INotificationService>().MarkReadAsync(notificationId, CancellationToken.None));
    }

    [Fact]
    public async Task SmtpOff_SchedulesNoMail()
    {
        var mail = new RecordingMailScheduler();
        await using var bed = await StartAsync(configure: services => services.AddSingleton<INotificationMailScheduler>(mail));

        await bed.SubmitAsync();

        Assert.Empty(mail.Scheduled);
    }

    [Fact]
    public async Task Smtp_DeliversMailAfterSave()
    {
        await using var smtp = new TinySmtpServer();
        var mail = new RecordingMailScheduler();
        await using var bed = await StartAsync(SmtpSettings(smtp.Port), services => services.AddSingleton<INotificationMailScheduler>(mail));
        var id = await bed.SubmitAsync();
        mail.Scheduled.Clear();

        await AsAsync(bed.Admin(), s => s.ApproveAsync(id, CancellationToken.None));
        var scheduled = Assert.Single(mail.Scheduled);
        await RunMailJobAsync(bed, scheduled);

        var received = Assert.Single(smtp.Received);
        Assert.Equal("portal@example.com", received.From);
        Assert.Equal([RequesterName], received.Recipients);
        Assert.Contains("is now approved, changed by ivan@example.com.", received.Data);
        Assert.Contains($"https://portal.example.com/requests/{id}", received.Data);
        Assert.DoesNotContain("s3cret-smtp", received.Data);
    }

    [Fact]
    public async Task Smtp_SignsInWithUserName()
    {
        await using var smtp = new TinySmtpServer();
        var mail = new RecordingMailScheduler();
        var settings = SmtpSettings(smtp.Port);
        settings["Notifications:Smtp:UserName"] = "portal-mailer";
        await using var bed = await StartAsync(settings, services => services.AddSingleton<INotificationMailScheduler>(mail));

        await bed.SubmitAsync();
        await RunMailJobAsync(bed, Assert.Single(mail.Scheduled));

        Assert.Equal([("portal-mailer", "s3cret-smtp")], smtp.SignIns);
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task Smtp_WithoutUserName_SkipsSignIn()
    {
        await using var smtp = new TinySmtpServer();
        var mail = new RecordingMailScheduler();
        await using var bed = await StartAsync(SmtpSettings(smtp.Port), services => services.AddSingleton<INotificationMailScheduler>(mail));

        await bed.SubmitAsync();
        await RunMailJobAsync(bed, Assert.Single(mail.Scheduled));

        Assert.Empty(smtp.SignIns);
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task SmtpFailure_KeepsStatusChange()
    {
        int closedPort;
        await using (var stopped = new TinySmtpServer())
        {
            closedPort = stopped.Port;
        }

        var mail = new RecordingMailScheduler();
        await using var bed = await StartAsync(SmtpSettings(closedPort), services => services.AddSingleton<INotificationMailScheduler>(mail));
        var id = await bed.SubmitAsync();
        await AsAsync(bed.Admin(), s => s.ApproveAsync(id, CancellationToken.None));

        var logger = new CapturingLogger();
        await using (var scope = bed.Host.Services.CreateAsyncScope())
        {
            var job = new NotificationMailJob(
                scope.ServiceProvider.GetRequiredService<PortalDbContext>(),
                scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotificationOptions>>(),
                logger);
            await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => job.SendAsync(mail.Scheduled[^1], CancellationToken.None));
        }

        Assert.Equal(RequestStatus.Approved, (await RequestServiceTests.ReadAsync(bed, id)).Status);
        var failure = Assert.Single(logger.Messages);
        Assert.Contains($"127.0.0.1:{closedPort} failed", failure);
        Assert.DoesNotContain("s3cret-smtp", failure);
    }

    [Fact]
    public void SmtpWithoutFrom_FailsAtStart()
    {
        var options = new SmtpOptions { Host = "127.0.0.1", Port = 25 };

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("Notifications:Smtp:From", error.Message);
    }

    private static Dictionary<string, string?> SmtpSettings(int port) => new()
    {
        ["Notifications:PortalUrl"] = "https://portal.example.com",
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:From"] = "portal@example.com",
        ["Notifications:Smtp:Security"] = "None",
        ["Notifications:Smtp:Password"] = "s3cret-smtp",
    };

    private static async Task RunMailJobAsync(RequestTestBed bed, Guid notificationId)
    {
        await using var scope = bed.Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationMailJob>().SendAsync(notificationId, CancellationToken.None);
    }

    private static async Task<List<string>> TextsForAsync(RequestTestBed bed, string userId)
    {
        await using var scope = bed.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Notifications.AsNoTracking()
            .Where(n => n.UserId == userId)
            .OrderBy(n => n.At)
            .Select(n => n.Text)
            .ToListAsync();
    }

    /// <summary>Keeps every formatted log message, with its exception's message, to check what reaches a log.</summary>
    private sealed class CapturingLogger : Microsoft.Extensions.Logging.ILogger<NotificationMailJob>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(
            Microsoft.Extensions.Logging.LogLevel logLevel,
            Microsoft.Extensions.Logging.EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            Messages.Add($"{formatter(state, exception)} {exception?.Message}");
    }

    /// <summary>Records the notifications handed to e-mail delivery, so a test runs the job itself.</summary>
    private sealed class RecordingMailScheduler : INotificationMailScheduler
    {
        public List<Guid> Scheduled { get; } = [];

        public void Enqueue(Guid notificationId) => Scheduled.Add(notificationId);
    }
}
