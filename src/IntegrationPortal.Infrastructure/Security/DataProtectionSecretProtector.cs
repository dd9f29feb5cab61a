using IntegrationPortal.Application.Common;
using Microsoft.AspNetCore.DataProtection;

namespace IntegrationPortal.Infrastructure.Security;

/// <summary>
/// Encrypts connection secrets with ASP.NET Core Data Protection. The key ring lives in the portal
/// database, so every web and worker process that shares the database can decrypt.
/// </summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("IntegrationPortal.ConnectionSecrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new InvalidOperationException(
                "A stored connection secret could not be decrypted: the Data Protection key ring changed. Re-enter the connection's API token.",
                ex);
        }
    }
}
