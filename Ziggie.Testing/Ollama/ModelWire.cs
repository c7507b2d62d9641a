namespace Ziggie.Testing.Ollama;

// Response shapes of the model-management endpoints, named after Ollama's api types; the snake_case
// naming policy turns SizeVram into size_vram and so on.

internal sealed record ModelDetailsWire(
    string ParentModel, string Format, string Family, IReadOnlyList<string> Families,
    string ParameterSize, string QuantizationLevel)
{
    public static ModelDetailsWire Of(FakeModel model) =>
        new("", model.Format, model.Family, [model.Family], model.ParameterSize, model.QuantizationLevel);
}

internal sealed record TagsReply(IReadOnlyList<TagsEntry> Models);

internal sealed record TagsEntry(
    string Name, string Model, DateTimeOffset ModifiedAt, long Size, string Digest, ModelDetailsWire Details)
{
    public static TagsEntry Of(FakeModel model) =>
        new(model.Name, model.Name, model.ModifiedAt, model.Size, model.Digest, ModelDetailsWire.Of(model));
}

internal sealed record PsReply(IReadOnlyList<PsEntry> Models);

internal sealed record PsEntry(
    string Name, string Model, long Size, string Digest, ModelDetailsWire Details,
    DateTimeOffset ExpiresAt, long SizeVram, int ContextLength)
{
    public static PsEntry Of(FakeModel model, DateTimeOffset expiresAt) =>
        new(model.Name, model.Name, model.Size, model.Digest, ModelDetailsWire.Of(model), expiresAt, model.Size, 4096);
}

internal sealed record ShowReply(
    string License, string Modelfile, string Parameters, string Template, ModelDetailsWire Details,
    Dictionary<string, object> ModelInfo, IReadOnlyList<string> Capabilities, DateTimeOffset ModifiedAt);
