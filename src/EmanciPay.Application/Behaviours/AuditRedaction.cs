namespace EmanciPay.Application.Behaviours;

/// <summary>
/// What the audit log never keeps: fields whose names say they hold a secret, a credential or card data (passwords and
/// their hashes, tokens, keys, security stamps, card numbers), whatever type declares them.
/// </summary>
public static class AuditRedaction
{
    private static readonly string[] SecretWords = ["password", "secret", "token", "stamp", "hash", "key", "card", "cvc", "iban", "authenticator", "recoverycode"];

    public static bool IsSecret(string name) => SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
}
