using EmanciPay.Domain.Recipients;
using FluentValidation;
using FluentValidation.Results;

namespace EmanciPay.Application.Features.Claims;

/// <summary>A claim's status as the API and pages name it ("awaiting_email", "pending", "approved", "rejected").</summary>
public static class ClaimStatus
{
    public static string Name(StationClaimStatus status) => status switch
    {
        StationClaimStatus.AwaitingEmail => "awaiting_email",
        StationClaimStatus.Pending => "pending",
        StationClaimStatus.Approved => "approved",
        StationClaimStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static StationClaimStatus? Parse(string? name) => name switch
    {
        "awaiting_email" => StationClaimStatus.AwaitingEmail,
        "pending" => StationClaimStatus.Pending,
        "approved" => StationClaimStatus.Approved,
        "rejected" => StationClaimStatus.Rejected,
        _ => null,
    };

    /// <summary>A 400 naming <paramref name="field"/>, with nothing written.</summary>
    public static ValidationException Refusal(string field, string message) => new([new ValidationFailure(field, message)]);
}
