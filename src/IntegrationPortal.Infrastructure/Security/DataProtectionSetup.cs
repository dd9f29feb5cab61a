using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Security;

/// <summary>The "DataProtection" configuration section.</summary>
public sealed class DataProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>
    /// A PKCS#12 (.pfx) file whose certificate encrypts the key ring at rest. Without it the key
    /// ring is stored unencrypted, and anyone with the database can decrypt connection tokens.
    /// </summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

internal static class DataProtectionSetup
{
    /// <summary>
    /// Keeps the key ring in the portal database, so every process that shares it can decrypt,
    /// and encrypts the keys with the configured certificate when there is one.
    /// </summary>
    public static void AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DataProtectionOptions.SectionName).Get<DataProtectionOptions>() ?? new DataProtectionOptions();
        var builder = services.AddDataProtection().SetApplicationName("IntegrationPortal").PersistKeysToDbContext<PortalDbContext>();
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return;
        }

        builder.ProtectKeysWithCertificate(LoadCertificate(options.CertificatePath, options.CertificatePassword));
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException(
                    $"The certificate in DataProtection:CertificatePath ({path}) has no private key; export it as a .pfx with its key.");
            }

            return certificate;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"The certificate in DataProtection:CertificatePath ({path}) could not be loaded: {ex.Message} Check the path and DataProtection:CertificatePassword.",
                ex);
        }
    }
}
