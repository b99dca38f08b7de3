using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace EmanciPay.Application.Common;

/// <summary>
/// Tokens for single-use links mailed to someone (a claim's address confirmation, a manager invitation): unguessable,
/// URL-safe, and stored only as a hash, so a copy of the database opens no link.
/// </summary>
public static class LinkTokens
{
    /// <summary>256 random bits, base64url.</summary>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256 of the token, lower-case hex: what is stored and looked up.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
