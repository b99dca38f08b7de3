using EmanciPay.Domain.Terms;

namespace EmanciPay.Application.Features.Terms;

/// <summary>A signed agreement as stations and listeners see it: its fields, and the exact signed text with its signature to check.</summary>
/// <param name="AgreedBy">The user id of the station's manager who agreed.</param>
/// <param name="Terms">The terms agreed, as "id@version".</param>
/// <param name="CoversRoster">Whether it covers every term of today's roster at today's version.</param>
public sealed record AgreementView(Guid Id, Guid StationId, string AgreedBy, IReadOnlyList<string> Terms, DateTimeOffset AgreedAt, bool CoversRoster, string Payload, string Signature, string KeyId)
{
    public static AgreementView Of(TermsAgreement a) =>
        new(a.Id, a.RecipientId, a.UserId, a.Terms.Split(' '), a.AgreedAt, a.CoversRoster(), a.Payload, a.Signature, a.KeyId);
}
