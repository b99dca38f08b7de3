namespace EmanciPay.Application.Common;

/// <summary>
/// Who is sending the messages of the current scope: a person (signed in or not), or the system itself. Web reads it
/// from the request's user; jobs, background workers and start-up tasks open scopes of the system.
/// </summary>
public interface ICurrentUser
{
    /// <summary>The signed-in user's id; null for an anonymous caller and for the system.</summary>
    string? UserId { get; }

    bool IsSystem { get; }

    /// <summary>Whether the user signed in with a second factor (Identity's amr=mfa), as finance and admin must.</summary>
    bool SignedInWithTwoFactor { get; }

    bool IsInRole(string role);
}
