namespace Ziggie.Backend.Auth;

public static class Roles
{
    public const string Admin = "admin";
    public const string User = "user";
    /// <summary>May read everything it is allowed to see; never generates or changes anything.</summary>
    public const string Readonly = "readonly";

    public static readonly string[] All = [Admin, User, Readonly];
}

public static class Policies
{
    /// <summary>Any signed-in user, readonly included.</summary>
    public const string SignedIn = "signed-in";
    /// <summary>May generate and change their own data: admin and user.</summary>
    public const string Writer = "writer";
    public const string Admin = "admin";
}

public static class UserRules
{
    public const string UsernamePattern = "^[a-zA-Z0-9][a-zA-Z0-9._-]{2,31}$";
    public const string RolePattern = "^(admin|user|readonly)$";
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;
}
