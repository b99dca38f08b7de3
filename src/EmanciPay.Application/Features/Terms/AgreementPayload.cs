using System.Text.Json;
using System.Text.Json.Serialization;
using EmanciPay.Application.Common;
using EmanciPay.Domain.Recipients;
using EmanciPay.Domain.Terms;

namespace EmanciPay.Application.Features.Terms;

/// <summary>
/// The text a station's agreement signs: who (the user and the station), which terms and versions, when, and the key.
/// Written once and stored as written, so verifying never depends on serializing it the same way again.
/// </summary>
public static class AgreementPayload
{
    public const string Type = "emancipay/terms-agreement";

    public sealed record TermRef([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("version")] int Version);

    public sealed record StationRef([property: JsonPropertyName("id")] Guid Id, [property: JsonPropertyName("slug")] string Slug, [property: JsonPropertyName("name")] string Name);

    public sealed record Content(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("agreement")] Guid Agreement,
        [property: JsonPropertyName("station")] StationRef Station,
        [property: JsonPropertyName("agreedBy")] string AgreedBy,
        [property: JsonPropertyName("terms")] IReadOnlyList<TermRef> Terms,
        [property: JsonPropertyName("agreedAt")] DateTimeOffset AgreedAt,
        [property: JsonPropertyName("keyId")] string KeyId);

    /// <summary>The agreement of <paramref name="userId"/> for <paramref name="station"/> to the whole roster, signed now.</summary>
    public static TermsAgreement Sign(ITermsSigner signer, Recipient station, string userId, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var agreedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var content = new Content(Type, id, new StationRef(station.Id, station.Slug, station.Name), userId,
            [.. TermRoster.All.Select(t => new TermRef(t.Id, t.Version))], agreedAt, signer.KeyId);
        var payload = JsonSerializer.Serialize(content);
        return TermsAgreement.Record(id, station.Id, userId, agreedAt, payload, signer.Sign(payload), signer.KeyId);
    }
}
