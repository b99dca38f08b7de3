namespace EmanciPay.Application.Common;

/// <summary>Who may send a message. Every command, query and request declares its senders with <see cref="AllowedForAttribute"/>.</summary>
public enum Sender
{
    /// <summary>Anybody, signed in or not, the system included: public reads, and pledges from guests.</summary>
    Anonymous,

    /// <summary>A signed-in user with the Listener role.</summary>
    Listener,

    /// <summary>Any signed-in user, whatever their roles: reads of one's own things, accepting an invitation sent to one's address.</summary>
    SignedIn,

    /// <summary>
    /// The owner of the pledge the message names (<see cref="IPledgeMessage"/>): the user signed in as its listener, or
    /// whoever holds the signed link from its receipt (<see cref="IPledgeCancelLinkMessage"/>). A guest's pledge has no
    /// account to sign in to: its id, which only the guest was given, opens its thank-you page
    /// (<see cref="IGuestPledgeMessage"/>) and nothing that changes it, since the id travels in addresses and receipts.
    /// </summary>
    PledgeOwner,

    /// <summary>A signed-in user with the StationManager role who manages the station the message names (<see cref="IStationMessage"/>).</summary>
    StationManager,

    /// <summary>A signed-in user with the Finance role who signed in with a second factor.</summary>
    Finance,

    /// <summary>A signed-in user with the Admin role who signed in with a second factor.</summary>
    Admin,

    /// <summary>The application itself: Hangfire jobs, the Stripe event workers and start-up tasks.</summary>
    System,
}

/// <summary>
/// Declares who may send the message it is on; <see cref="Behaviours.AuthorizationBehaviour{TMessage, TResponse}"/>
/// checks it for every message, whether a page, an API call or a job sends it. A message that declares nobody is refused.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedForAttribute(params Sender[] senders) : Attribute
{
    public IReadOnlyList<Sender> Senders { get; } = senders;
}
