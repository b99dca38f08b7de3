using EmanciPay.Application.Payments;
using Stripe;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>
/// Stripe Connect through Stripe.net: Express accounts (idempotency key and metadata from our station id), onboarding
/// account links, and accounts as Stripe reports them. When Stripe cannot be reached, or fails or throttles us after
/// Stripe.net's retries, the caller gets <see cref="PaymentProviderUnavailableException"/>: nothing was done.
/// </summary>
internal sealed class StripeConnectGateway(IStripeClient stripe) : IConnectGateway
{
    public const string StationIdKey = "station_id";

    public Task<string> CreateAccountAsync(ConnectAccountRequest request, CancellationToken cancellationToken) => StripeCalls.Reachable(async () =>
    {
        var account = await new AccountService(stripe).CreateAsync(
            new AccountCreateOptions
            {
                Type = "express",
                Country = "US",
                Email = request.ManagerEmail,
                Capabilities = new AccountCapabilitiesOptions { Transfers = new AccountCapabilitiesTransfersOptions { Requested = true } },
                BusinessProfile = new AccountBusinessProfileOptions
                {
                    Name = request.StationName,
                    Url = Uri.IsWellFormedUriString(request.Website, UriKind.Absolute) ? request.Website : null,
                },
                Metadata = new Dictionary<string, string> { [StationIdKey] = request.StationId.ToString() },
            },
            new RequestOptions { IdempotencyKey = $"connect-account-{request.StationId:N}" },
            cancellationToken);
        return account.Id;
    });

    public Task<Uri> CreateOnboardingLinkAsync(string accountId, Uri refreshUrl, Uri returnUrl, CancellationToken cancellationToken) => StripeCalls.Reachable(async () =>
    {
        var link = await new AccountLinkService(stripe).CreateAsync(
            new AccountLinkCreateOptions { Account = accountId, RefreshUrl = refreshUrl.ToString(), ReturnUrl = returnUrl.ToString(), Type = "account_onboarding" },
            cancellationToken: cancellationToken);
        return new Uri(link.Url);
    });

    public Task<ConnectAccountReport> GetAccountAsync(string accountId, CancellationToken cancellationToken) => StripeCalls.Reachable(async () =>
        Report(await new AccountService(stripe).GetAsync(accountId, cancellationToken: cancellationToken)));

    public ConnectAccountEvent? ReadEvent(string payload)
    {
        // Verified on arrival; the API version was checked then too.
        var stripeEvent = EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false);
        var created = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        return stripeEvent.Data.Object switch
        {
            Account account => new ConnectAccountEvent(account.Id, created, Report(account)),
            Capability { AccountId: { Length: > 0 } accountId } => new ConnectAccountEvent(accountId, created, null),
            _ when stripeEvent.Account is { Length: > 0 } named => new ConnectAccountEvent(named, created, null),
            _ => null,
        };
    }

    private static ConnectAccountReport Report(Account account) => new(
        account.Id,
        account.PayoutsEnabled,
        account.DetailsSubmitted,
        account.Requirements?.CurrentlyDue ?? [],
        account.Requirements?.DisabledReason);
}
