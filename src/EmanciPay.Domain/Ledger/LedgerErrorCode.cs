namespace EmanciPay.Domain.Ledger;

public enum LedgerErrorCode
{
    EmptyEntry,
    InvalidIdempotencyKey,
    NonPositiveAmount,
    CurrencyMismatch,
    SameAccount,
    UnknownAccount,
    UnknownReservation,
    DuplicateReservation,
    ReservationAlreadyResolved,
    PostExceedsReservation,
    InsufficientFunds,
    PeriodLocked,
}

/// <summary>A ledger operation was refused; nothing was changed.</summary>
public sealed class LedgerException(LedgerErrorCode code, string message) : Exception(message)
{
    public LedgerErrorCode Code { get; } = code;
}
