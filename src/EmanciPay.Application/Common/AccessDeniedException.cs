namespace EmanciPay.Application.Common;

/// <summary>The signed-in sender (or the system) is not among those the message allows; becomes 403 problem+json.</summary>
public sealed class AccessDeniedException(string messageType) : Exception($"You may not send {messageType}.")
{
    public string MessageType { get; } = messageType;
}
