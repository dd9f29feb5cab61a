using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Security;

/// <summary>The Data Protection key ring in the portal database, with and without a key-encryption certificate.</summary>
public sealed class KeyRingProtectionTests
{
    private const string Secret = "tok-2b7e-key-ring-test";

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Certificate_encrypts_stored_keys(string provider)
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"portal-keys-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, CreateCertificate("pfx-password"));
        try
        {
            await using var host = await PortalTestHost.StartAsync(provider, new Dictionary<string, string?>
            {
                ["DataProtection:CertificatePath"] = pfx,
                ["DataProtection:CertificatePassword"] = "pfx-password",
            });

            var (keys, roundTrip) = await ProtectAndReadKeysAsync(host);

            Assert.Equal(Secret, roundTrip);
            Assert.Contains("encryptedSecret", keys, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", keys, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact]
    public async Task Keys_without_certificate_are_plain()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);

        var (keys, roundTrip) = await ProtectAndReadKeysAsync(host);

        Assert.Equal(Secret, roundTrip);
        Assert.Contains("<masterKey", keys, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_certificate_password_names_the_setting()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"portal-keys-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, CreateCertificate("right-password"));
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PortalTestHost.StartAsync(
                DatabaseProviders.Sqlite,
                new Dictionary<string, string?>
                {
                    ["DataProtection:CertificatePath"] = pfx,
                    ["DataProtection:CertificatePassword"] = "wrong-password",
                }));

            Assert.Contains("DataProtection:CertificatePassword", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-password", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    private static async Task<(string Keys, string RoundTrip)> ProtectAndReadKeysAsync(PortalTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var roundTrip = protector.Unprotect(protector.Protect(Secret));
        var keys = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        return (string.Join(Environment.NewLine, keys), roundTrip);
    }

    private static byte[] CreateCertificate(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=IntegrationPortal key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.Export(X509ContentType.Pfx, password);
    }
}
