namespace IntegrationPortal.Application.Common;

/// <summary>Encrypts connection secrets for storage and decrypts them only to call a tool.</summary>
public interface ISecretProtector
{
    string Protect(string secret);

    string Unprotect(string protectedSecret);
}
