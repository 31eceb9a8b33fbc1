import { endpoint } from '../endpoint';
import { dropdown, inProject } from '../shared/fields';
import { specEnum } from '../shared/specFields';
import { checkOneOf, invalidInput } from '../shared/parameters';
import { resource } from '../resource';

const MODES = specEnum('update-project-model-permissions', 'body', 'mode');

export const projectModelPermissions = resource({ value: 'projectModelPermissions', name: 'Project Model Permission', description: 'Which models a project may use: an allow list or a deny list' }, [
	endpoint.delete('delete-project-model-permissions', { action: 'Delete the model permissions of a project', description: 'Remove the model allow or deny list of a project, so that it may use every model again', locators: inProject }),
	endpoint.get('retrieve-project-model-permissions', { action: 'Get the model permissions of a project', description: 'Retrieve the model allow or deny list of a project', locators: inProject }),
	endpoint.update('update-project-model-permissions', {
		action: 'Update the model permissions of a project',
		description: 'Replace the model allow or deny list of a project',
		locators: inProject,
		properties: [
			dropdown('Mode', 'mode', [
				['Allow List', 'allow_list', 'The project may use only these models'],
				['Deny List', 'deny_list', 'The project may use every model but these'],
			], { required: true, default: 'allow_list', description: 'Whether the models listed are the only ones allowed, or the ones denied' }),
			{
				displayName: 'Model IDs',
				name: 'model_ids',
				type: 'string',
				default: '',
				placeholder: 'e.g. gpt-4o, gpt-4o-mini',
				description: 'The models of the list, separated by commas',
			},
			{
				displayName: 'Allow Empty List',
				name: 'allowEmptyList',
				type: 'boolean',
				default: false,
				displayOptions: { show: { mode: ['allow_list'] } },
				description:
					'Whether to send an allow list with no model in it, which shuts the project out of every model. Off, an empty Model IDs fails the item instead.',
			},
		],
		body(itemIndex) {
			const mode = checkOneOf(this, this.getNodeParameter('mode', itemIndex), MODES, itemIndex, 'Mode');
			const raw = this.getNodeParameter('model_ids', itemIndex, '') as unknown;
			const list = Array.isArray(raw) ? (raw as unknown[]) : typeof raw === 'string' ? raw.split(',') : [raw];
			const modelIds = list.map((entry) => (typeof entry === 'string' ? entry.trim() : entry)).filter((entry) => entry !== '');
			const bad = modelIds.find((entry) => typeof entry !== 'string' || /\s/.test(entry));
			if (bad !== undefined) throw invalidInput(this, itemIndex, 'Model IDs', `${JSON.stringify(bad)} is not a model ID`);
			// An empty deny list denies nothing, which is no list at all (as Delete leaves it). An empty
			// allow list allows nothing: sent only when the user said so, never because an expression
			// came out empty.
			if (mode === 'allow_list' && modelIds.length === 0 && this.getNodeParameter('allowEmptyList', itemIndex, false) !== true) {
				throw invalidInput(
					this,
					itemIndex,
					'Model IDs',
					'an empty allow list shuts the project out of every model: give at least one model, or turn on "Allow Empty List" to send it anyway',
				);
			}
			return { mode, model_ids: modelIds };
		},
	}),
	]);
