using System.Text.Json;
using EmanciPay.Domain.Payouts;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>A payout as pages and the API show it; amounts in minor units, the status in snake_case (awaiting_approval).</summary>
public sealed record PayoutView(
    Guid Id,
    long Amount,
    string Currency,
    string Status,
    DateTimeOffset RequestedAt,
    bool RequestedBySchedule,
    DateTimeOffset? FinishedAt,
    string? Reason,
    string? TransferId);

public static class PayoutViews
{
    /// <summary>What a payout made by a schedule records as its requester.</summary>
    public const string ScheduleRequester = "system:schedule";

    public static string StatusName(PayoutStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    public static PayoutView View(Payout p) => new(
        p.Id, p.Amount, p.Currency.Code.ToLowerInvariant(), StatusName(p.Status), p.RequestedAt, p.RequestedBy == ScheduleRequester, p.FinishedAt, p.Reason, p.TransferId);
}
