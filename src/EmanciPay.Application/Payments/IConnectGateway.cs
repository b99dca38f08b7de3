namespace EmanciPay.Application.Payments;

/// <summary>A station's Express account to open at Stripe; the station id is its idempotency key and its metadata.</summary>
public sealed record ConnectAccountRequest(Guid StationId, string StationName, string? Website, string? ManagerEmail);

/// <summary>What Stripe says of a connected account: whether it can be paid out, and what Stripe still requires.</summary>
public sealed record ConnectAccountReport(string AccountId, bool PayoutsEnabled, bool DetailsSubmitted, IReadOnlyList<string> CurrentlyDue, string? DisabledReason);

/// <summary>
/// What a Connect event (<c>account.updated</c>, <c>capability.updated</c>) is about: the account, when Stripe created
/// the event, and the account as the event carries it (null when the event carries another object, a capability).
/// </summary>
public sealed record ConnectAccountEvent(string AccountId, DateTimeOffset CreatedAt, ConnectAccountReport? Account);

/// <summary>Stripe Connect through Stripe.net: stations' Express accounts and the links that onboard them.</summary>
public interface IConnectGateway
{
    /// <summary>Opens the station's Express account; a retry (within Stripe's 24 hours) gets the same account.</summary>
    Task<string> CreateAccountAsync(ConnectAccountRequest request, CancellationToken cancellationToken);

    /// <summary>A fresh onboarding link: it works once and for a few minutes, so one is made for each visit.</summary>
    Task<Uri> CreateOnboardingLinkAsync(string accountId, Uri refreshUrl, Uri returnUrl, CancellationToken cancellationToken);

    Task<ConnectAccountReport> GetAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>A verified event's payload, read; null when it is not about a connected account.</summary>
    ConnectAccountEvent? ReadEvent(string payload);
}

/// <summary>Our pages Stripe sends a manager back to from onboarding.</summary>
public interface IConnectUrls
{
    /// <summary>Where a used or expired link sends the manager: it makes a new link.</summary>
    Uri RefreshPage(string slug);

    /// <summary>Where onboarding ends, finished or not: it reads the account and shows where it stands.</summary>
    Uri ReturnPage(string slug);
}

/// <summary>Stripe could not be reached, or failed or throttled us after its retries: nothing was done, and trying again later may work.</summary>
public sealed class PaymentProviderUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
