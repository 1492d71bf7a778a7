using System.Globalization;
using System.Text.Json;

namespace SyscallBench.Core.Datasets.LidDs;

/// <summary>What a recording's metadata says: LID-DS 2021's NAME.json, or a LID-DS 2019 runs.csv row.</summary>
/// <param name="IsAttack">The JSON's <c>exploit</c> flag (2019: <c>is_executing_exploit</c>).</param>
/// <param name="ExploitName">The JSON's <c>exploit_name</c> ("default" in most LID-DS 2021 scenarios); null when absent.</param>
/// <param name="Image">The victim's image; null when absent.</param>
/// <param name="ExploitStartUnixNanoseconds">2021: <c>time.exploit[0].absolute</c> as Unix nanoseconds; null for normal recordings.</param>
/// <param name="ExploitStartAfterFirstEventSeconds">2019: <c>exploit_start_time</c>, seconds after the recording began; null for normal runs.</param>
public sealed record LidDsMetadata(
    bool IsAttack,
    string? ExploitName,
    string? Image,
    long? ExploitStartUnixNanoseconds,
    double? ExploitStartAfterFirstEventSeconds = null)
{
    /// <summary>
    /// Reads LID-DS 2021 metadata. Fields other than <c>exploit</c>, <c>exploit_name</c>, <c>image</c> and <c>time.exploit</c>
    /// are ignored, so recordings with more (the recorder's cgroup or lost_events) read the same.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="name">Names the file in messages.</param>
    /// <exception cref="DatasetException">Not JSON, no <c>exploit</c> flag, or an attack without an exploit time.</exception>
    public static LidDsMetadata Parse(ReadOnlySpan<byte> json, string name)
    {
        try
        {
            // A byte order mark is valid UTF-8 text but not valid JSON to the parser.
            using var document = JsonDocument.Parse((json.StartsWith("\uFEFF"u8) ? json[3..] : json).ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DatasetException($"{name}: the metadata is not a JSON object.");
            }

            if (!root.TryGetProperty("exploit", out var exploit) || exploit.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new DatasetException($"{name}: no 'exploit' flag (true or false) in the metadata.");
            }

            var isAttack = exploit.GetBoolean();
            long? start = null;
            if (isAttack)
            {
                start = ExploitStart(root) ?? throw new DatasetException(
                    $"{name}: 'exploit' is true but there is no exploit time (time.exploit[0].absolute); without it the attack cannot be placed in time.");
            }

            return new LidDsMetadata(isAttack, Text(root, "exploit_name"), Text(root, "image"), start);
        }
        catch (JsonException e)
        {
            throw new DatasetException($"{name}: not valid JSON ({e.Message}).", e);
        }
    }

    /// <summary>time.exploit[0].absolute (Unix seconds with a fraction) as nanoseconds, exactly (decimal arithmetic).</summary>
    private static long? ExploitStart(JsonElement root)
    {
        if (!root.TryGetProperty("time", out var time) || time.ValueKind != JsonValueKind.Object
            || !time.TryGetProperty("exploit", out var exploits) || exploits.ValueKind != JsonValueKind.Array
            || exploits.GetArrayLength() == 0
            || exploits[0].ValueKind != JsonValueKind.Object
            || !exploits[0].TryGetProperty("absolute", out var absolute) || absolute.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        // The JSON number's own digits: a double would round 1631078877.513988 to the nearest 2^-22 s.
        var seconds = decimal.Parse(absolute.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return (long)decimal.Round(seconds * 1_000_000_000m);
    }

    private static string? Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
