/**
 * The analyzer marks every field declared in Lit's `static properties` as `privacy: "public"`; fields declared
 * any other way carry no privacy when public. Dropped here so that public fields look alike in the manifest,
 * whichever way they are declared (test/embedding-docs.test.ts reads public fields as those without privacy).
 */
export default {
  plugins: [
    {
      name: 'termin-buchen:public-without-privacy',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules ?? []) {
          for (const declaration of module.declarations ?? []) {
            for (const member of declaration.members ?? []) if (member.privacy === 'public') delete member.privacy;
          }
        }
      },
    },
  ],
};
