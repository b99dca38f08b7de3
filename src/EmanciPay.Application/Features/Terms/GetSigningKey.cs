using EmanciPay.Application.Common;
using Mediator;

namespace EmanciPay.Application.Features.Terms;

/// <summary>The app's public key, which checks every agreement it signed.</summary>
public static class GetSigningKey
{
    [AllowedFor(Sender.Anonymous)]
    public sealed record Query : IQuery<Key>;

    /// <param name="Algorithm">ES256: ECDSA on P-256 with SHA-256 (signatures DER-encoded, then base64).</param>
    /// <param name="PublicKeyPem">SubjectPublicKeyInfo, PEM.</param>
    public sealed record Key(string KeyId, string Algorithm, string PublicKeyPem);

    public sealed class Handler(ITermsSigner signer) : IQueryHandler<Query, Key>
    {
        public ValueTask<Key> Handle(Query query, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new Key(signer.KeyId, "ES256", signer.PublicKeyPem));
    }
}
