namespace EmanciPay.Application.Common;

/// <summary>The message may be sent only by someone signed in, and the sender is not; becomes 401 problem+json.</summary>
public sealed class SignInRequiredException(string messageType) : Exception($"Sign in to send {messageType}.")
{
    public string MessageType { get; } = messageType;
}
