using System.Text;
using Google.Protobuf;

namespace Ziggie.Tests.Infrastructure;

/// <summary>A span as an OTLP exporter sent it: enough to check names, attributes and events.</summary>
public sealed record OtlpSpan(string Name, string Scope, string? ServiceName, IReadOnlyDictionary<string, object?> Attributes, IReadOnlyList<string> Events);

/// <summary>
/// Reads the few fields of OTLP's protobuf messages the tests look at, by field number from
/// opentelemetry-proto (no generated classes are served here): resource, scope, span name, attributes, events,
/// and metric names. Everything else is skipped.
/// </summary>
public static class OtlpProtobuf
{
    // ExportTraceServiceRequest.resource_spans = 1; ResourceSpans: resource = 1, scope_spans = 2;
    // ScopeSpans: scope = 1, spans = 2; Span: name = 5, attributes = 9, events = 11; Event: name = 2.
    public static IEnumerable<OtlpSpan> ReadSpans(byte[] request)
    {
        foreach (var resourceSpans in Messages(request, 1))
        {
            var service = Messages(resourceSpans, 1).Select(r => Attributes(r, 1).GetValueOrDefault("service.name") as string).FirstOrDefault();
            foreach (var scopeSpans in Messages(resourceSpans, 2))
            {
                var scope = Messages(scopeSpans, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? "";
                foreach (var span in Messages(scopeSpans, 2))
                {
                    yield return new OtlpSpan(
                        Text(span, 5) ?? "", scope, service, Attributes(span, 9), [.. Messages(span, 11).Select(e => Text(e, 2) ?? "")]);
                }
            }
        }
    }

    // ExportMetricsServiceRequest.resource_metrics = 1; ResourceMetrics.scope_metrics = 2;
    // ScopeMetrics: scope = 1, metrics = 2; Metric.name = 1.
    public static IEnumerable<(string Scope, string Name)> ReadMetricNames(byte[] request) =>
        from resourceMetrics in Messages(request, 1)
        from scopeMetrics in Messages(resourceMetrics, 2)
        let scope = Messages(scopeMetrics, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? ""
        from metric in Messages(scopeMetrics, 2)
        select (scope, Text(metric, 1) ?? "");

    // KeyValue: key = 1, value = 2 (AnyValue: string = 1, bool = 2, int = 3, double = 4, array = 5 of values = 1).
    private static Dictionary<string, object?> Attributes(byte[] message, int field) =>
        Messages(message, field).ToDictionary(kv => Text(kv, 1) ?? "", kv => Messages(kv, 2).Select(Value).FirstOrDefault());

    private static object? Value(byte[] anyValue)
    {
        foreach (var (field, value) in Fields(anyValue))
        {
            return field switch
            {
                1 => Encoding.UTF8.GetString((byte[])value),
                2 => (ulong)value != 0,
                3 => (long)(ulong)value,
                4 => BitConverter.Int64BitsToDouble((long)(ulong)value),
                5 => Messages((byte[])value, 1).Select(Value).ToArray(),
                _ => value,
            };
        }

        return null;
    }

    private static string? Text(byte[] message, int field) =>
        Fields(message).Where(f => f.Field == field).Select(f => Encoding.UTF8.GetString((byte[])f.Value)).FirstOrDefault();

    private static IEnumerable<byte[]> Messages(byte[] message, int field) =>
        Fields(message).Where(f => f.Field == field && f.Value is byte[]).Select(f => (byte[])f.Value);

    private static List<(int Field, object Value)> Fields(byte[] message)
    {
        var fields = new List<(int, object)>();
        var input = new CodedInputStream(message);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            var field = WireFormat.GetTagFieldNumber(tag);
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.Varint: fields.Add((field, input.ReadUInt64())); break;
                case WireFormat.WireType.Fixed64: fields.Add((field, input.ReadFixed64())); break;
                case WireFormat.WireType.LengthDelimited: fields.Add((field, input.ReadBytes().ToByteArray())); break;
                default: input.SkipLastField(); break;
            }
        }

        return fields;
    }
}
