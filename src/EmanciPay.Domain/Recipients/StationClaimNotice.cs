using EmanciPay.Domain.Payments;

namespace EmanciPay.Domain.Recipients;

/// <summary>
/// The mail telling one listener (one address) that the station they gave to while it was unclaimed has claimed their
/// gift. One row per address and approved claim, sent by a job of its own, so that one failing mail never stops the
/// others: a refusal is final with its reason; any other failure is tried again later, waiting longer each time.
/// </summary>
public sealed class StationClaimNotice : MailAttempts
{
    private StationClaimNotice(Guid id, Guid claimId, string email)
    {
        Id = id;
        ClaimId = claimId;
        Email = email;
    }

    public Guid Id { get; private set; }

    public Guid ClaimId { get; private set; }

    public string Email { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public static StationClaimNotice For(Guid claimId, string email, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return new StationClaimNotice(Guid.CreateVersion7(at), claimId, email) { NextAttemptAt = at };
    }

    public override bool IsDue(DateTimeOffset now) => SentAt is null && base.IsDue(now);

    public void Sent(DateTimeOffset at) => SentAt ??= at;
}
