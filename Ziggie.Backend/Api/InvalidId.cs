using Microsoft.AspNetCore.Http.HttpResults;

namespace Ziggie.Backend.Api;

/// <summary>The 400 of every route that takes an id in its path: users, conversations.</summary>
public static class InvalidId
{
    public static ProblemHttpResult Problem(string id) => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid id", detail: $"'{id}' is not an id; ids are 24 hexadecimal characters as returned by the API.");
}
