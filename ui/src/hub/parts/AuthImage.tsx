// An image the hub serves only with the token (previews): fetched, shown through an object URL.
import { useAuthImage } from "../hooks";
import { useSession } from "../session";

export function AuthImage({ path, alt, className }: { path: string; alt: string; className?: string }) {
  const { hub } = useSession();
  const { url, failed } = useAuthImage(hub, path);
  if (url) return <img src={url} alt={alt} className={className} />;
  return (
    <span className={`${className ?? ""} placeholder`} role="img" aria-label={failed ? `${alt} (not available)` : `${alt} (loading)`}>
      {failed ? "No preview" : "…"}
    </span>
  );
}
