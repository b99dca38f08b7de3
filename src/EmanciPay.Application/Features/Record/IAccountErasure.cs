namespace EmanciPay.Application.Features.Record;

/// <summary>The account itself (Identity's, in Infrastructure), erased in the command's own unit of work.</summary>
public interface IAccountErasure
{
    /// <summary>
    /// Deletes the user's row, and with it (by the database's cascades) their roles, claims, logins, tokens, open
    /// station claims and anything else that only points at it. Whatever must outlive the account is detached first.
    /// </summary>
    Task EraseUserAsync(string userId, CancellationToken cancellationToken);
}
