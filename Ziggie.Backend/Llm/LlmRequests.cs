using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;
using Ziggie.Backend.Api;

namespace Ziggie.Backend.Llm;

/// <summary>Body of <c>POST /api/llm/generate</c>.</summary>
public sealed record GenerateBody(
    [property: Required, ModelName] string Model,
    [property: Required, StringLength(32_000, MinimumLength = 1)] string Prompt,
    bool Stream = false,
    [property: Range(0.0, 2.0)] double? Temperature = null,
    [property: Range(1, 32_768)] int? MaxTokens = null)
{
    public GenerateRequest ToOllama() => new()
    {
        Model = Model,
        Prompt = Prompt,
        Stream = true,
        Options = LlmRequestOptions.From(Temperature, MaxTokens),
    };
}

/// <summary>Body of <c>POST /api/llm/chat</c>.</summary>
public sealed record ChatBody(
    [property: Required, ModelName] string Model,
    [property: Required, MinLength(1), MaxLength(1_000)] IReadOnlyList<ChatMessageBody> Messages,
    bool Stream = false,
    [property: Range(0.0, 2.0)] double? Temperature = null,
    [property: Range(1, 32_768)] int? MaxTokens = null,
    [property: RegularExpression("^[0-9a-fA-F]{24}$", ErrorMessage = "conversation_id must be an id from /api/conversations (24 hexadecimal characters).")]
    string? ConversationId = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        NullItems.In(Messages, nameof(Messages), "a message object ({\"role\":…,\"content\":…})");

    public ChatRequest ToOllama() => new()
    {
        Model = Model,
        Messages = Messages.Select(m => new Message(new ChatRole(m.Role), m.Content)).ToList(),
        Stream = true,
        Options = LlmRequestOptions.From(Temperature, MaxTokens),
    };
}

public sealed record ChatMessageBody(
    [property: Required, RegularExpression("^(system|user|assistant)$", ErrorMessage = "role must be system, user or assistant.")] string Role,
    [property: Required(AllowEmptyStrings = true), StringLength(32_000)] string Content);

internal static class LlmRequestOptions
{
    public static RequestOptions? From(double? temperature, int? maxTokens) =>
        temperature is null && maxTokens is null
            ? null
            : new RequestOptions { Temperature = (float?)temperature, NumPredict = maxTokens };
}

/// <summary>
/// An Ollama model name such as <c>llama3.2</c> or <c>qwen2.5:0.5b</c>: letters, digits and <c>. _ - :</c>,
/// at most 200 characters, no <c>..</c>. Names are forwarded to Ollama and later shown in the UI,
/// so anything path-like or invisible is refused here.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed partial class ModelNameAttribute() : ValidationAttribute(
    "{0} must be an Ollama model name such as llama3.2 or qwen2.5:0.5b (letters, digits, '.', '_', '-', ':'; at most 200 characters).")
{
    public override bool IsValid(object? value) =>
        value is null || value is string name && Allowed().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")]
    private static partial Regex Allowed();
}
