namespace EmanciPay.Domain.Terms;

/// <summary>
/// A station's promise to honour the roster of listeners' terms: who agreed (a user, for a station), which terms and
/// versions, and when, kept as the exact text the app signed and its signature. Anyone can check it with the app's
/// public key; changing a byte of the text breaks the signature.
/// </summary>
public sealed class TermsAgreement
{
    private TermsAgreement(Guid id, Guid recipientId, string userId, string terms, DateTimeOffset agreedAt, string payload, string signature, string keyId)
    {
        Id = id;
        RecipientId = recipientId;
        UserId = userId;
        Terms = terms;
        AgreedAt = agreedAt;
        Payload = payload;
        Signature = signature;
        KeyId = keyId;
    }

    public Guid Id { get; private set; }

    public Guid RecipientId { get; private set; }

    public string UserId { get; private set; }

    /// <summary>The terms agreed, as "id@version" separated by spaces, for queries; the payload is what counts.</summary>
    public string Terms { get; private set; }

    public DateTimeOffset AgreedAt { get; private set; }

    /// <summary>The signed JSON, byte for byte.</summary>
    public string Payload { get; private set; }

    /// <summary>ECDSA P-256 with SHA-256 over the UTF-8 payload, DER, base64.</summary>
    public string Signature { get; private set; }

    /// <summary>Which of the app's keys signed it (the SHA-256 of its public key, hex, first 16 characters).</summary>
    public string KeyId { get; private set; }

    public static string TermsText(IEnumerable<Term> terms) => string.Join(' ', terms.Select(t => $"{t.Id}@{t.Version}"));

    /// <summary>Whether this agreement covers every term of the roster at its current version.</summary>
    public bool CoversRoster() => Terms == TermsText(TermRoster.All);

    public static TermsAgreement Record(Guid id, Guid recipientId, string userId, DateTimeOffset agreedAt, string payload, string signature, string keyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return new TermsAgreement(id, recipientId, userId, TermsText(TermRoster.All), agreedAt, payload, signature, keyId);
    }
}
