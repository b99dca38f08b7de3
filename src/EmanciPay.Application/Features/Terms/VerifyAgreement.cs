using System.Text.Json;
using EmanciPay.Application.Common;
using FluentValidation;
using Mediator;

namespace EmanciPay.Application.Features.Terms;

/// <summary>
/// Checks a copy of a signed agreement: valid only when the signature is the app's over exactly this text. A changed
/// term, version, time or station anywhere in the text makes it invalid.
/// </summary>
public static class VerifyAgreement
{
    public const int MaxPayloadLength = 4000;

    [AllowedFor(Sender.Anonymous)]
    public sealed record Query(string? Payload, string? Signature) : IQuery<Result>;

    /// <param name="Agreement">What the text says, when the signature is valid; null otherwise.</param>
    public sealed record Result(bool Valid, string KeyId, AgreementPayload.Content? Agreement);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Payload).NotEmpty().MaximumLength(MaxPayloadLength);
            RuleFor(q => q.Signature).NotEmpty().MaximumLength(200).WithoutControlCharacters();
        }
    }

    public sealed class Handler(ITermsSigner signer) : IQueryHandler<Query, Result>
    {
        public ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!signer.Verify(query.Payload!, query.Signature!))
            {
                return ValueTask.FromResult(new Result(false, signer.KeyId, null));
            }

            AgreementPayload.Content? content;
            try
            {
                content = JsonSerializer.Deserialize<AgreementPayload.Content>(query.Payload!);
            }
            catch (JsonException)
            {
                content = null;
            }

            var valid = content is { Type: AgreementPayload.Type };
            return ValueTask.FromResult(new Result(valid, signer.KeyId, valid ? content : null));
        }
    }
}
