namespace EmanciPay.Domain.Recipients;

/// <summary>
/// A claimed station's Stripe Connect (Express) account, as Stripe last reported it. Payouts are possible only while
/// it reports payouts enabled.
/// </summary>
public sealed class ConnectedAccount
{
    public const int MaxDueLength = 2000;

    private ConnectedAccount(Guid recipientId, string stripeAccountId, DateTimeOffset createdAt)
    {
        RecipientId = recipientId;
        StripeAccountId = stripeAccountId;
        CreatedAt = createdAt;
        CurrentlyDue = string.Empty;
    }

    public Guid RecipientId { get; private set; }

    /// <summary>Stripe's id, "acct_...".</summary>
    public string StripeAccountId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool PayoutsEnabled { get; private set; }

    public bool DetailsSubmitted { get; private set; }

    /// <summary>Stripe's <c>requirements.currently_due</c>, comma-separated field names ("external_account,tos_acceptance.date").</summary>
    public string CurrentlyDue { get; private set; }

    /// <summary>Stripe's <c>requirements.disabled_reason</c>, when the account cannot pay out.</summary>
    public string? DisabledReason { get; private set; }

    /// <summary>When Stripe reported the state held here; an older report (events arrive in any order) is ignored.</summary>
    public DateTimeOffset? ReportedAt { get; private set; }

    public IReadOnlyList<string> CurrentlyDueFields => CurrentlyDue.Length == 0 ? [] : CurrentlyDue.Split(',');

    public static ConnectedAccount Open(Guid recipientId, string stripeAccountId, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stripeAccountId);
        return new ConnectedAccount(recipientId, stripeAccountId, createdAt);
    }

    /// <summary>Records what Stripe reported at <paramref name="reportedAt"/>; false (nothing changed) when a newer report is already held.</summary>
    public bool Report(bool payoutsEnabled, bool detailsSubmitted, IEnumerable<string> currentlyDue, string? disabledReason, DateTimeOffset reportedAt)
    {
        if (ReportedAt > reportedAt)
        {
            return false;
        }

        (PayoutsEnabled, DetailsSubmitted, DisabledReason, ReportedAt) = (payoutsEnabled, detailsSubmitted, string.IsNullOrWhiteSpace(disabledReason) ? null : disabledReason, reportedAt);
        CurrentlyDue = JoinWithin(currentlyDue.Where(f => !string.IsNullOrWhiteSpace(f)).Distinct(StringComparer.Ordinal));
        return true;
    }

    /// <summary>Whole field names only, as many as fit the column.</summary>
    private static string JoinWithin(IEnumerable<string> fields)
    {
        var joined = string.Empty;
        foreach (var field in fields)
        {
            var next = joined.Length == 0 ? field : $"{joined},{field}";
            if (next.Length > MaxDueLength)
            {
                break;
            }

            joined = next;
        }

        return joined;
    }
}
