using System.Security.Cryptography;
using System.Text;
using IntegrationPortal.Domain.Audit;
using Microsoft.Extensions.Options;

namespace IntegrationPortal.Application.Audit.Chain;

/// <summary>Signs and checks pruning checkpoints with HMAC-SHA256 under <see cref="AuditOptions.CheckpointKey"/>.</summary>
public sealed class AuditCheckpointSigner(IOptions<AuditOptions> options)
{
    public const int MinKeyBytes = 32;

    public bool HasKey => !string.IsNullOrWhiteSpace(options.Value.CheckpointKey);

    public string Sign(string content) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(ReadKey(options.Value.CheckpointKey), Encoding.UTF8.GetBytes(content)));

    public bool IsValid(AuditCheckpoint checkpoint)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(checkpoint.SignedContent()));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(checkpoint.Signature));
    }

    /// <summary>Decodes the key; the messages never include the key itself.</summary>
    public static byte[] ReadKey(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"{AuditOptions.SectionName}:{nameof(AuditOptions.CheckpointKey)} is missing; set it to {MinKeyBytes} or more random bytes in base64, e.g. the output of `openssl rand -base64 32`.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(configured.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException(
                $"{AuditOptions.SectionName}:{nameof(AuditOptions.CheckpointKey)} is not valid base64; set it to the output of `openssl rand -base64 32`.");
        }

        if (key.Length < MinKeyBytes)
        {
            throw new InvalidOperationException(
                $"{AuditOptions.SectionName}:{nameof(AuditOptions.CheckpointKey)} has {key.Length} bytes; use at least {MinKeyBytes}, e.g. the output of `openssl rand -base64 32`.");
        }

        return key;
    }
}
