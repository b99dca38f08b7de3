using System.Collections.Frozen;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Connect;

/// <summary>
/// The Connect area's Stripe events: a station's account changed (<c>account.updated</c>, carrying the account) or one
/// of its capabilities did (<c>capability.updated</c>, carrying the capability: the account is read from Stripe, with
/// no transaction open). Each is recorded on the station's connected account as of its time, so an older report
/// arriving late changes nothing. An event for an account we do not hold (yet) is set aside with backoff, not dropped.
/// </summary>
public sealed class ConnectEvents(IAppDbContext db, IConnectGateway gateway, TimeProvider clock) : IStripeEventsHandler
{
    public static readonly FrozenSet<string> Types = FrozenSet.Create(StringComparer.Ordinal, "account.updated", "capability.updated");

    public IReadOnlyCollection<string> EventTypes => Types;

    /// <summary>
    /// When an account read from Stripe now is reported as of: the whole second, as Stripe stamps its events, so that
    /// an event Stripe sends in the same second as our read is not taken for an older one.
    /// </summary>
    public static DateTimeOffset ReadTime(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    public async Task<StripeEventReading> ReadAsync(IReadOnlyList<StripeEvent> events, CancellationToken cancellationToken)
    {
        var reports = new Dictionary<string, (ConnectAccountReport Account, DateTimeOffset At)>(StringComparer.Ordinal);
        var readNow = new Dictionary<string, (ConnectAccountReport Account, DateTimeOffset At)>(StringComparer.Ordinal);
        foreach (var stripeEvent in events)
        {
            if (gateway.ReadEvent(stripeEvent.Payload) is not { } about)
            {
                continue;
            }

            if (about.Account is { } carried)
            {
                reports[stripeEvent.Id] = (carried, about.CreatedAt);
            }
            else
            {
                if (!readNow.TryGetValue(about.AccountId, out var current))
                {
                    var at = ReadTime(clock);
                    current = readNow[about.AccountId] = (await gateway.GetAccountAsync(about.AccountId, cancellationToken), at);
                }

                reports[stripeEvent.Id] = current;
            }
        }

        return new Reading(reports);
    }

    public async Task ApplyAsync(IReadOnlyList<StripeEvent> events, StripeEventReading reading, CancellationToken cancellationToken)
    {
        var reports = ((Reading)reading).Reports;
        var ofTheseEvents = events.Where(e => reports.ContainsKey(e.Id)).Select(e => reports[e.Id]).ToList();
        var accountIds = ofTheseEvents.Select(r => r.Account.AccountId).Distinct(StringComparer.Ordinal).ToList();
        var accounts = await db.ConnectedAccounts.Where(a => accountIds.Contains(a.StripeAccountId)).ToDictionaryAsync(a => a.StripeAccountId, StringComparer.Ordinal, cancellationToken);
        if (accountIds.FirstOrDefault(id => !accounts.ContainsKey(id)) is { } unknown)
        {
            // Failing sets the event aside to be tried again later: the station's account may not be committed yet.
            throw new UnknownConnectedAccountException(unknown);
        }

        foreach (var (report, at) in ofTheseEvents)
        {
            accounts[report.AccountId].Report(report.PayoutsEnabled, report.DetailsSubmitted, report.CurrentlyDue, report.DisabledReason, at);
        }
    }

    private sealed record Reading(IReadOnlyDictionary<string, (ConnectAccountReport Account, DateTimeOffset At)> Reports) : StripeEventReading;
}

/// <summary>A Connect event names an account no station of ours holds.</summary>
public sealed class UnknownConnectedAccountException(string accountId) : Exception($"No station holds connected account {accountId}.");
