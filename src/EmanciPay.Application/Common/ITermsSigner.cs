namespace EmanciPay.Application.Common;

/// <summary>
/// The app's signing key for records anyone may check later (a station's agreement to the listeners' terms): ECDSA
/// P-256 with SHA-256, signatures DER-encoded and base64. The private key never leaves the implementation.
/// </summary>
public interface ITermsSigner
{
    /// <summary>Which key signs: the SHA-256 of its public key (SubjectPublicKeyInfo), hex, first 16 characters.</summary>
    string KeyId { get; }

    /// <summary>The public key as PEM (SubjectPublicKeyInfo), for anyone to verify with.</summary>
    string PublicKeyPem { get; }

    string Sign(string payload);

    /// <summary>false for a signature that is malformed or does not match, never an exception.</summary>
    bool Verify(string payload, string signature);
}
