using System.Security.Cryptography;
using System.Text;
using EmanciPay.Application.Common;

namespace EmanciPay.Infrastructure.Terms;

/// <summary>
/// ECDSA P-256 with SHA-256 through System.Security.Cryptography. The private key is <c>Terms:SigningKey</c> (PKCS#8
/// PEM) when configured, as every node of a deployment must share it; otherwise it is made once into
/// <c>Terms:SigningKeyFile</c> (data/terms-signing-key.pem under the app's folder) and read from there afterwards.
/// The key is never logged and never leaves this class.
/// </summary>
internal sealed class EcdsaTermsSigner : ITermsSigner, IDisposable
{
    private readonly ECDsa key;

    public EcdsaTermsSigner(string? configuredPem, string keyFile)
    {
        key = ECDsa.Create();
        key.ImportFromPem(configuredPem ?? LoadOrCreate(keyFile));
        if (key.KeySize != 256)
        {
            throw new InvalidOperationException("Terms:SigningKey must be an ECDSA P-256 key.");
        }

        var publicKey = key.ExportSubjectPublicKeyInfo();
        PublicKeyPem = PemEncoding.WriteString("PUBLIC KEY", publicKey);
        KeyId = Convert.ToHexStringLower(SHA256.HashData(publicKey))[..16];
    }

    public string KeyId { get; }

    public string PublicKeyPem { get; }

    public string Sign(string payload) =>
        Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    public bool Verify(string payload, string signature)
    {
        var bytes = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature, bytes, out var length))
        {
            return false;
        }

        try
        {
            return key.VerifyData(Encoding.UTF8.GetBytes(payload), bytes.AsSpan(0, length), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() => key.Dispose();

    /// <summary>
    /// The key in the file, made first if there is none. A new key is written to a temporary file and moved into place
    /// without overwriting, so of two processes starting together one key wins and both use it.
    /// </summary>
    private static string LoadOrCreate(string keyFile)
    {
        if (!File.Exists(keyFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var temporary = $"{keyFile}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temporary, created.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temporary, keyFile, overwrite: false);
            }
            catch (IOException) when (File.Exists(keyFile))
            {
                File.Delete(temporary);
            }
        }

        return File.ReadAllText(keyFile);
    }
}
