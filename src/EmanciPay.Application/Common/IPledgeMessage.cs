namespace EmanciPay.Application.Common;

/// <summary>A message about one pledge, which <see cref="Sender.PledgeOwner"/> lets only the pledge's owner send.</summary>
public interface IPledgeMessage
{
    Guid PledgeId { get; }
}

/// <summary>A pledge message that may carry the token of the receipt's cancel link, which proves ownership without signing in.</summary>
public interface IPledgeCancelLinkMessage : IPledgeMessage
{
    string? Token { get; }
}

/// <summary>
/// A pledge message that whoever holds a guest's pledge id may send (its thank-you page): the id travels in addresses
/// and receipts, so it opens nothing that changes the pledge. Changes need its listener or the cancel link's token.
/// </summary>
public interface IGuestPledgeMessage : IPledgeMessage;
