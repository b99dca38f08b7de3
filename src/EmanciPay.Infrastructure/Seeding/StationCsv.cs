using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration.Attributes;
using EmanciPay.Application.Features.Stations;

namespace EmanciPay.Infrastructure.Seeding;

/// <summary>Reads the station directory's CSV (call_sign,name,frequency,city,state,website).</summary>
public static class StationCsv
{
    public static IReadOnlyList<ImportStations.Station> Read(TextReader reader)
    {
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return csv.GetRecords<Row>()
            .Select(r => new ImportStations.Station(r.CallSign, r.Name, r.Frequency, r.City, r.State, string.IsNullOrWhiteSpace(r.Website) ? null : r.Website))
            .ToList();
    }

    private sealed class Row
    {
        [Name("call_sign")]
        public string CallSign { get; set; } = "";

        [Name("name")]
        public string Name { get; set; } = "";

        [Name("frequency")]
        public string Frequency { get; set; } = "";

        [Name("city")]
        public string City { get; set; } = "";

        [Name("state")]
        public string State { get; set; } = "";

        [Name("website")]
        public string? Website { get; set; }
    }
}
